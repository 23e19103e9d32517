/**
 * Every provider kind AuthLens speaks, one line each. Adding a kind: a file in this folder with
 * its `ProviderDefinition`, a line here and a row in `kinds.ts` (the type checker asks for both).
 */
import { authingDefinition } from './authing';
import { authmsDefinition } from './authms';
import { betterAuthDefinition } from './betterAuth';
import { providerKindList, providerKindTable, type CredentialKind, type ProviderKind } from './kinds';
import { oidcDefinition } from './oidc';
import type { ProviderDefinition } from './types';

/** A definition with what its row in the kind table says about credentials. */
export interface RegisteredProvider extends ProviderDefinition {
  /** Credentials this kind accepts, in the order the Set Credential picker offers them. */
  readonly credentialKinds: readonly CredentialKind[];
}

const definitions: Record<ProviderKind, ProviderDefinition> = {
  'better-auth': betterAuthDefinition,
  authing: authingDefinition,
  authms: authmsDefinition,
  oidc: oidcDefinition,
};

export const providerDefinitions: readonly RegisteredProvider[] = providerKindList.map((kind) => ({
  ...definitions[kind],
  credentialKinds: providerKindTable[kind].credentialKinds,
}));
