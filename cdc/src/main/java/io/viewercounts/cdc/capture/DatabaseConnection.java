package io.viewercounts.cdc.capture;

import java.util.Objects;

/**
 * Where the captured PostgreSQL database is and how to log in to it.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL
 * @param username the user, who needs the REPLICATION attribute and to own {@code public.streams}
 *     (Debezium creates the publication)
 * @param password the password, null when the server does not ask for one; never logged
 */
public record DatabaseConnection(String jdbcUrl, String username, String password) {

  public DatabaseConnection {
    Objects.requireNonNull(jdbcUrl, "the JDBC url (spring.datasource.url) is not set");
    Objects.requireNonNull(username, "the database user (spring.datasource.username) is not set");
  }

  @Override
  public String toString() {
    return "DatabaseConnection[jdbcUrl=" + jdbcUrl + ", username=" + username + "]";
  }
}
