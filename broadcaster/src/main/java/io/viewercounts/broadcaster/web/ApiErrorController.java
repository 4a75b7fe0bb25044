package io.viewercounts.broadcaster.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error the web layer did not answer itself (no such path, a method not allowed, a parameter
 * of the wrong type, a failure) in the one JSON shape of {@link ApiError}, instead of Boot's own
 * shape or an HTML page.
 */
@RestController
public class ApiErrorController implements ErrorController {

  @RequestMapping("/error")
  public ResponseEntity<ApiError> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatusCode code =
        HttpStatusCode.valueOf(
            status instanceof Integer value ? value : HttpStatus.INTERNAL_SERVER_ERROR.value());
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return ApiError.response(code, ApiError.codeOf(code), messageOf(code, uri));
  }

  static String messageOf(HttpStatusCode code, Object uri) {
    HttpStatus known = HttpStatus.resolve(code.value());
    String reason = known == null ? "HTTP " + code.value() : known.getReasonPhrase();
    return uri == null ? reason : reason + ": " + uri;
  }
}
