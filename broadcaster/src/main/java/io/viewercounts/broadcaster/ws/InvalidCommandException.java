package io.viewercounts.broadcaster.ws;

/** A client frame that is not a valid command; the message is sent back to the client. */
final class InvalidCommandException extends Exception {

  InvalidCommandException(String message) {
    super(message, null, false, false); // expected input errors: no stack trace needed
  }
}
