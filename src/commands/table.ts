import type { Services } from '../services';
import { CommandId, type CommandIdValue } from './commandIds';
import { decodeClipboardCommand, decodeTokenCommand, decodeTokenToDocumentCommand } from './decodeToken';
import { hoverActionCommand } from './hoverAction';
import { copyAuthorizationHeaderCommand, copyPayloadCommand } from './copyTokenAtCursor';

/** A handler factory: gets the services, returns the function VS Code calls. */
export type CommandFactory = (services: Services) => (...args: unknown[]) => unknown;

/** The command table: one line per command. `activate()` registers them all in one loop. */
export const commandTable: Record<CommandIdValue, CommandFactory> = {
  [CommandId.decodeToken]: decodeTokenCommand,
  [CommandId.decodeTokenToDocument]: decodeTokenToDocumentCommand,
  [CommandId.decodeClipboard]: decodeClipboardCommand,
  [CommandId.hoverAction]: hoverActionCommand,
  [CommandId.copyPayload]: copyPayloadCommand,
  [CommandId.copyAuthorizationHeader]: copyAuthorizationHeaderCommand,
};
