package io.valise.server.sftp;

/** A refused SFTP request: the status code and the message the client shows. */
final class SftpException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  SftpException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static SftpException noSuchFile(String message) {
    return new SftpException(Wire.NO_SUCH_FILE, message);
  }

  static SftpException denied(String message) {
    return new SftpException(Wire.PERMISSION_DENIED, message);
  }

  static SftpException failure(String message) {
    return new SftpException(Wire.FAILURE, message);
  }

  static SftpException unsupported(String message) {
    return new SftpException(Wire.OP_UNSUPPORTED, message);
  }
}
