package dev.trustkeys.backend.yubikey;

/** The back-end contract with keys generated on the virtual YubiKey (attested, no backup file). */
class YubiKeyOnDeviceContractIT extends YubiKeyBackendContractIT {
  @Override
  protected boolean onDevice() {
    return true;
  }
}
