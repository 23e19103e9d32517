import type { Services } from '../services';
import { CommandId, type CommandIdValue } from './commandIds';
import { addProviderCommand } from './addProvider';
import { clearCredentialCommand } from './clearCredential';
import { copyTokenAsCommand } from './copyTokenAs';
import { inspectSessionTokenCommand } from './inspectSessionToken';
import { loadMoreCommand } from './loadMore';
import { pinAsActiveCommand } from './pinAsActive';
import { refreshCommand } from './refresh';
import { removeProviderCommand } from './removeProvider';
import { revokeSessionCommand } from './revokeSession';
import { startSandboxCommand, stopSandboxCommand } from './sandbox';
import { setCredentialCommand } from './setCredential';
import { decodeClipboardCommand, decodeTokenCommand, decodeTokenToDocumentCommand } from './decodeToken';
import { inspectTokenCommand } from './inspectToken';
import { hoverActionCommand } from './hoverAction';
import { copyAuthorizationHeaderCommand, copyPayloadCommand } from './copyTokenAtCursor';
import { oidcForgetTokensCommand } from './oidcForgetTokens';
import { keepFreshCommand, stopKeepingFreshCommand } from './keepFresh';
import { oidcGetServiceTokenCommand } from './oidcGetServiceToken';
import { oidcRefreshDiscoveryCommand } from './oidcRefreshDiscovery';
import { oidcRefreshTokensCommand } from './oidcRefreshTokens';
import { oidcSignInCommand } from './oidcSignIn';
import { oidcSignInWithCodeCommand } from './oidcSignInWithCode';
import { exportToTerminalsCommand, stopExportingCommand } from './exportToTerminals';

/** A handler factory: gets the services, returns the function VS Code calls. */
export type CommandFactory = (services: Services) => (...args: unknown[]) => unknown;

/** The command table: one line per command. `activate()` registers them all in one loop. */
export const commandTable: Record<CommandIdValue, CommandFactory> = {
  [CommandId.decodeToken]: decodeTokenCommand,
  [CommandId.inspectToken]: inspectTokenCommand,
  [CommandId.decodeTokenToDocument]: decodeTokenToDocumentCommand,
  [CommandId.decodeClipboard]: decodeClipboardCommand,
  [CommandId.hoverAction]: hoverActionCommand,
  [CommandId.copyPayload]: copyPayloadCommand,
  [CommandId.copyAuthorizationHeader]: copyAuthorizationHeaderCommand,
  [CommandId.addProvider]: addProviderCommand,
  [CommandId.removeProvider]: removeProviderCommand,
  [CommandId.setCredential]: setCredentialCommand,
  [CommandId.clearCredential]: clearCredentialCommand,
  [CommandId.refresh]: refreshCommand,
  [CommandId.loadMore]: loadMoreCommand,
  [CommandId.revokeSession]: revokeSessionCommand,
  [CommandId.inspectSessionToken]: inspectSessionTokenCommand,
  [CommandId.copyTokenAs]: copyTokenAsCommand,
  [CommandId.pinAsActive]: pinAsActiveCommand,
  [CommandId.startSandbox]: startSandboxCommand,
  [CommandId.stopSandbox]: stopSandboxCommand,
  [CommandId.oidcSignIn]: oidcSignInCommand,
  [CommandId.oidcSignInWithCode]: oidcSignInWithCodeCommand,
  [CommandId.oidcGetServiceToken]: oidcGetServiceTokenCommand,
  [CommandId.oidcRefreshTokens]: oidcRefreshTokensCommand,
  [CommandId.oidcRefreshDiscovery]: oidcRefreshDiscoveryCommand,
  [CommandId.oidcForgetTokens]: oidcForgetTokensCommand,
  [CommandId.keepFresh]: keepFreshCommand,
  [CommandId.stopKeepingFresh]: stopKeepingFreshCommand,
  [CommandId.exportToTerminals]: exportToTerminalsCommand,
  [CommandId.stopExporting]: stopExportingCommand,
};
