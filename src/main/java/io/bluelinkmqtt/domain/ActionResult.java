package io.bluelinkmqtt.domain;

import io.bluelinkmqtt.domain.CommandOutcome.Status;

/**
 * The final answer to one action.
 *
 * @param status ok, failed, timeout, unsupported, busy or denied
 * @param reason why, for anything but ok
 * @param actionId the cloud's id of the action (its {@code msgId}) once it accepted it; else null
 * @param upstreamCalls HTTP calls the action caused (control token, the action, the status polls)
 */
public record ActionResult(String vehicleId, Status status, String reason, String actionId, int upstreamCalls) {
}
