import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { setYamlValue } from '../../src/targets/yaml-edit.js';

// Written in the shape of PlanAlign's simulation_config.yaml: comments after values, blank lines,
// quoted strings, a flow list, nested sections. The Document API re-prints all of these.
const CONFIG = `# Simulation configuration
simulation:
  start_year: 2025
  random_seed: 42

setup:
  clear_table_patterns: ["int_"]  # Only clear intermediate tables
  census_parquet_path: "data/census_preprocessed.parquet"

orchestrator:
  # Epic E067
  threading:
    enabled: false  # Enable configurable threading support
    thread_count: 1  # Number of threads (1-16)
    mode: 'selective'  # Threading mode

    resource_management:
      enabled: true
      max_threads: 8  # Maximum thread count for scaling
`;

function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  return after.split('\n').filter((line, index) => line !== a[index]);
}

describe('setYamlValue', () => {
  it('replaces a scalar in place, keeping its quoting and its comment, and nothing else', () => {
    const mode = setYamlValue(CONFIG, ['orchestrator', 'threading', 'mode'], 'aggressive');
    expect(mode.before, 'previous value').toBe('selective');
    expect(changedLines(CONFIG, mode.text), 'changed lines').toEqual(["    mode: 'aggressive'  # Threading mode"]);
    const enabled = setYamlValue(mode.text, ['orchestrator', 'threading', 'enabled'], true);
    expect(changedLines(mode.text, enabled.text), 'changed lines').toEqual([
      '    enabled: true  # Enable configurable threading support',
    ]);
    const census = setYamlValue(CONFIG, ['setup', 'census_parquet_path'], '/data/census 1.parquet');
    expect(changedLines(CONFIG, census.text), 'double quotes kept').toEqual([
      '  census_parquet_path: "/data/census 1.parquet"',
    ]);
  });

  it('adds a missing key under the deepest existing section, indented like its siblings', () => {
    const edit = setYamlValue(CONFIG, ['orchestrator', 'threading', 'resource_management', 'min_threads'], 2);
    expect(edit.before, 'absent before').toBeUndefined();
    expect(YAML.parse(edit.text).orchestrator.threading.resource_management, 'parsed').toEqual({
      enabled: true,
      max_threads: 8,
      min_threads: 2,
    });
    expect(edit.text.split('\n').length, 'one line added').toBe(CONFIG.split('\n').length + 1);
    const section = setYamlValue(CONFIG, ['optimization', 'e068c_threading', 'dbt_threads'], 4);
    expect(section.text, 'new top-level section appended').toBe(
      `${CONFIG}optimization:\n  e068c_threading:\n    dbt_threads: 4\n`,
    );
    const seed = setYamlValue(CONFIG, ['simulation', 'end_year'], 2027);
    expect(seed.text, 'added after the last entry, before the blank line').toContain(
      '  random_seed: 42\n  end_year: 2027\n\nsetup:',
    );
  });

  it('refuses to write into a value that is not a mapping', () => {
    expect(() => setYamlValue(CONFIG, ['simulation', 'start_year', 'x'], 1), 'scalar parent').toThrow(
      'simulation.start_year is not a mapping',
    );
    expect(() => setYamlValue(CONFIG, ['setup', 'clear_table_patterns'], 'x'), 'list').toThrow(
      'setup.clear_table_patterns is not a scalar',
    );
  });
});
