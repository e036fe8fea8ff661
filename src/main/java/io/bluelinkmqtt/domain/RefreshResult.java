package io.bluelinkmqtt.domain;

/**
 * What a refresh did and what it found.
 *
 * @param vehicleId the bridge's vehicle id
 * @param path the path taken: {@link RefreshMode#CACHED} or {@link RefreshMode#FORCE}
 * @param dataSource where {@code data} came from
 * @param upstreamCalls HTTP calls this refresh made to the car cloud (logins included)
 * @param data the vehicle data after the refresh
 * @param deniedBy when a force was refused by a wake rule, the rule's name (e.g. "budget"); "read_window" when
 *     the answer is the car's recent read (no call); else null
 */
public record RefreshResult(String vehicleId, RefreshMode path, DataSource dataSource, int upstreamCalls,
                            VehicleData data, String deniedBy) {
}
