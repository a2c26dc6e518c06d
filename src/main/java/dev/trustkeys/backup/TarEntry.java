package dev.trustkeys.backup;

/**
 * One member of a tar archive as its header (after GNU long names and pax headers) describes it.
 *
 * @param name the path as stored, without interpretation
 * @param type the POSIX/GNU type flag: {@code '0'} file, {@code '5'} directory, {@code '1'} hard
 *     link, ...
 * @param mode the permission bits as stored (never applied on restore)
 * @param size the content length in bytes
 * @param linkName the target of a link, empty otherwise
 */
record TarEntry(String name, char type, int mode, long size, String linkName) {
  static final char FILE = '0';
  static final char OLD_FILE = '\0';
  static final char CONTIGUOUS = '7';
  static final char DIRECTORY = '5';

  boolean isFile() {
    return type == FILE || type == OLD_FILE || type == CONTIGUOUS;
  }

  boolean isDirectory() {
    return type == DIRECTORY;
  }

  /** A human name for the type, for refusals: "symbolic link", "FIFO", ... */
  String typeName() {
    switch (type) {
      case '0':
      case '\0':
      case '7':
        return "regular file";
      case '1':
        return "hard link";
      case '2':
        return "symbolic link";
      case '3':
        return "character device";
      case '4':
        return "block device";
      case '5':
        return "directory";
      case '6':
        return "FIFO";
      case 'S':
        return "GNU sparse file";
      case 'V':
        return "GNU volume header";
      case 'M':
        return "GNU multi-volume continuation";
      default:
        return "entry of unknown type '"
            + HostileArchiveException.printable(String.valueOf(type))
            + "'";
    }
  }
}
