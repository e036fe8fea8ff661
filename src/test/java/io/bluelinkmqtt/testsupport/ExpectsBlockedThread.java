package io.bluelinkmqtt.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the one kind of test that blocks a thread on purpose, so {@link BlockedThreadGuard} lets it pass. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ExpectsBlockedThread {
}
