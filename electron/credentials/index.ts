/** Credentials: where the keys to sign with come from, and the keychain entries `dockhand configure` keeps. */
export { parseIni, profileSection, type IniSections, type IniParseResult } from './ini';
export {
  KEYCHAIN_SERVICE,
  keychainServiceName,
  DEFAULT_ACCOUNT,
  KeychainUnavailableError,
  keychainUnavailableMessage,
  keytarInstallAdvice,
  isKeytarMissing,
  systemKeychain,
  saveToKeychain,
  deleteFromKeychain,
  readDefaultFromKeychain,
  type Keychain,
  type KeychainProblem,
  type KeytarLoader,
} from './keychain';
export {
  resolveCredentials,
  sharedFilePaths,
  CredentialsError,
  SESSION_KEY_SOURCE,
  type ResolveCredentialsInput,
  type ResolvedCredentials,
} from './resolve';
