package io.viewercounts.broadcaster.ws;

/** The {@code code} of an error frame; also the kind the violation is counted under. */
enum ErrorCode {
  BAD_REQUEST("bad_request"),
  TOO_MANY_SUBSCRIPTIONS("too_many_subscriptions"),
  RATE_LIMITED("rate_limited");

  private final String code;

  ErrorCode(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }
}
