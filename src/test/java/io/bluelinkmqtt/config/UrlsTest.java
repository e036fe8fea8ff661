package io.bluelinkmqtt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  @DisplayName("user info of every URL in a text is replaced; everything else is kept")
  void redactsUserInfo() {
    assertEquals("ccapi http://***@host:8080/api", Urls.redact("ccapi http://user:pw@host:8080/api"));
    assertEquals("a https://***@h/x and HTTP://***@h2", Urls.redact("a https://u@h/x and HTTP://u2:p2@h2"));
    assertEquals("http://host/path?mail=a@b.c", Urls.redact("http://host/path?mail=a@b.c"));
    assertEquals("mail me@example.com", Urls.redact("mail me@example.com"));
    assertEquals("http://***@host", Urls.redact("http://us%40er:p:w@host"));
    assertNull(Urls.redact(null));
  }

  @Test
  @DisplayName("loopback hosts: localhost, 127.0.0.0/8 and ::1, nothing else")
  void loopback() {
    assertTrue(Urls.isLoopback("localhost"));
    assertTrue(Urls.isLoopback("127.0.0.1"));
    assertTrue(Urls.isLoopback("127.10.0.3"));
    assertTrue(Urls.isLoopback("[::1]"));
    assertFalse(Urls.isLoopback("127.0.0.1.example.com"));
    assertFalse(Urls.isLoopback("10.0.0.1"));
    assertFalse(Urls.isLoopback("localhost.example.com"));
    assertEquals("host", Urls.host("http://user:pw@HOST:1/x").orElseThrow());
  }
}
