package io.viewercounts.broadcaster.web;

/** The JSON body of an HTTP error: a stable code and a message for people. */
record ApiError(String error, String message) {}
