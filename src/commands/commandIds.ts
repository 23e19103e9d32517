/** Every AuthLens command id, once. `contributes.commands` must list exactly these (unit-tested). */
export const CommandId = {
  decodeToken: 'authlens.decodeToken',
  decodeTokenToDocument: 'authlens.decodeTokenToDocument',
  decodeClipboard: 'authlens.decodeClipboard',
  hoverAction: 'authlens.hoverAction',
  copyPayload: 'authlens.copyPayload',
  copyAuthorizationHeader: 'authlens.copyAuthorizationHeader',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];

/** The only commands AuthLens markdown (hovers, tooltips) may link to. */
export const allCommandIds: readonly CommandIdValue[] = Object.values(CommandId);
