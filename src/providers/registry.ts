/**
 * Every provider kind AuthLens speaks, one line each. Adding a kind: a file in this folder,
 * its `ProviderDefinition`, and a line here.
 */
import { authingDefinition } from './authing';
import { authmsDefinition } from './authms';
import { betterAuthDefinition } from './betterAuth';
import { oidcDefinition } from './oidc';
import type { ProviderDefinition } from './types';

export const providerDefinitions: readonly ProviderDefinition[] = [
  betterAuthDefinition,
  authingDefinition,
  authmsDefinition,
  oidcDefinition,
];
