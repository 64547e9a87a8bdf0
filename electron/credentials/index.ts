/** Credentials: where the keys to sign with come from, and the keychain entries `dockhand configure` keeps. */
export { parseIni, profileSection, type IniSections, type IniParseResult } from './ini';
export {
  KEYCHAIN_SERVICE,
  keychainServiceName,
  DEFAULT_ACCOUNT,
  KeychainUnavailableError,
  systemKeychain,
  saveToKeychain,
  deleteFromKeychain,
  readDefaultFromKeychain,
  type Keychain,
} from './keychain';
export {
  resolveCredentials,
  sharedFilePaths,
  CredentialsError,
  type ResolveCredentialsInput,
  type ResolvedCredentials,
} from './resolve';
