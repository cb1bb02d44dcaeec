// The map of target adapters: one adapter per `target.kind` of the matrix.
import type { TargetSpec } from '../matrix/types.js';
import { createBuiltinTarget } from './builtin-target.js';
import { createCommandTarget } from './command-target.js';
import { createPlanalignTarget } from './planalign-target.js';
import type { Target } from './types.js';

export type { LaunchSpec, RunContext, Target } from './types.js';

/** Builds the adapter for a target spec. */
export function createTarget(spec: TargetSpec): Target {
  switch (spec.kind) {
    case 'builtin':
      return createBuiltinTarget(spec);
    case 'command':
      return createCommandTarget(spec);
    case 'planalign':
      return createPlanalignTarget(spec);
  }
}
