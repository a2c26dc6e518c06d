package dev.trustkeys.backend.yubikey;

/** A YubiKey seen on a PC/SC reader: what {@code keys yubikey list} shows. */
public record YubiKeyDevice(String reader, int serial, String firmware, String model) {}
