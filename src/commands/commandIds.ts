/** Every AuthLens command id, once. `contributes.commands` must list exactly these (unit-tested). */
export const CommandId = {
  decodeToken: 'authlens.decodeToken',
  inspectToken: 'authlens.inspectToken',
  decodeTokenToDocument: 'authlens.decodeTokenToDocument',
  decodeClipboard: 'authlens.decodeClipboard',
  hoverAction: 'authlens.hoverAction',
  copyPayload: 'authlens.copyPayload',
  copyAuthorizationHeader: 'authlens.copyAuthorizationHeader',
  addProvider: 'authlens.addProvider',
  removeProvider: 'authlens.removeProvider',
  setCredential: 'authlens.setCredential',
  clearCredential: 'authlens.clearCredential',
  refresh: 'authlens.refresh',
  loadMore: 'authlens.loadMore',
  revokeSession: 'authlens.revokeSession',
  inspectSessionToken: 'authlens.inspectSessionToken',
  copyTokenAs: 'authlens.copyTokenAs',
  pinAsActive: 'authlens.pinAsActive',
  startSandbox: 'authlens.startSandbox',
  stopSandbox: 'authlens.stopSandbox',
  oidcSignIn: 'authlens.oidcSignIn',
  oidcSignInWithCode: 'authlens.oidcSignInWithCode',
  oidcGetServiceToken: 'authlens.oidcGetServiceToken',
  oidcRefreshTokens: 'authlens.oidcRefreshTokens',
  oidcRefreshDiscovery: 'authlens.oidcRefreshDiscovery',
  oidcForgetTokens: 'authlens.oidcForgetTokens',
  keepFresh: 'authlens.keepFresh',
  stopKeepingFresh: 'authlens.stopKeepingFresh',
  exportToTerminals: 'authlens.exportToTerminals',
  stopExporting: 'authlens.stopExporting',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];

/** The only commands AuthLens markdown (hovers, tooltips) may link to. */
export const allCommandIds: readonly CommandIdValue[] = Object.values(CommandId);
