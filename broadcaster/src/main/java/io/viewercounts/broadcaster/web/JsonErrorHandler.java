package io.viewercounts.broadcaster.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jetty's error response for requests it refuses before any servlet sees them (a path with an
 * encoded slash, a bad percent escape, a character a URL may not hold): the {@link ApiError} JSON
 * every other error has, instead of Jetty's HTML page. Installed as the server's error handler.
 */
public final class JsonErrorHandler extends ErrorHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    HttpStatusCode status = HttpStatusCode.valueOf(code);
    ApiError error = new ApiError(ApiError.codeOf(status), ApiErrorController.messageOf(status, null));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(error)), callback);
  }
}
