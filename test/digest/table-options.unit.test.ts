import { describe, expect, it } from 'vitest';
import { DEFAULT_TABLES, WALL_CLOCK_COLUMNS } from '../../src/digest/digest-database.js';
import { resolveTableSpecs } from '../../src/digest/table-options.js';
import { InputError } from '../../src/core/errors.js';

describe('resolveTableSpecs', () => {
  it('uses DEFAULT_TABLES when both PlanAlign tables exist, else every table with wall clocks exempt', () => {
    expect(resolveTableSpecs({}, ['fct_workforce_snapshot', 'fct_yearly_events', 'other'])).toEqual(DEFAULT_TABLES);
    expect(resolveTableSpecs({}, ['fct_yearly_events', 'other'])).toEqual({
      fct_yearly_events: { exempt: WALL_CLOCK_COLUMNS, groupBy: [], round: {} },
      other: { exempt: WALL_CLOCK_COLUMNS, groupBy: [], round: {} },
    });
  });

  it('adds exemptions, replaces default grouping and parses rounding', () => {
    const specs = resolveTableSpecs(
      {
        table: ['fct_yearly_events'],
        exempt: ['fct_yearly_events.event_id'],
        groupBy: ['fct_yearly_events.level_id'],
        round: ['fct_yearly_events.compensation_amount=6'],
      },
      [],
    );
    expect(specs).toEqual({
      fct_yearly_events: {
        exempt: ['created_at', 'event_id'],
        groupBy: ['level_id'],
        round: { compensation_amount: 6 },
      },
    });
  });

  it('rejects malformed flags and tables outside the selection, quoting the value', () => {
    expect(() => resolveTableSpecs({ exempt: ['nodot'] }, ['t'])).toThrow(
      new InputError('--exempt "nodot": expected TABLE.COLUMN'),
    );
    expect(() => resolveTableSpecs({ round: ['t.x=abc'] }, ['t'])).toThrow(
      /--round "t.x=abc": expected TABLE.COLUMN=PLACES/,
    );
    expect(() => resolveTableSpecs({ groupBy: ['u.x'] }, ['t'])).toThrow(
      /table u is not among the tables digested \(t\)/,
    );
  });
});
