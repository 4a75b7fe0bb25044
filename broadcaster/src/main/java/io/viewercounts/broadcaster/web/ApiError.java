package io.viewercounts.broadcaster.web;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The JSON body of every HTTP error: a stable code and a message for people, e.g. {@code
 * {"error":"not_found","message":"no viewer count known for stream abc"}}.
 */
record ApiError(String error, String message) {

  /** The code of a status without a more precise one: its reason phrase in snake case. */
  static String codeOf(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "http_" + status.value() : known.name().toLowerCase();
  }

  static ResponseEntity<ApiError> response(HttpStatusCode status, String code, String message) {
    return ResponseEntity.status(status)
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(code, message));
  }
}
