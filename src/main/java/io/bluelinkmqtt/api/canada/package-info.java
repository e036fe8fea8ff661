/**
 * Canada (Kia, Hyundai, Genesis): the TODS web-portal API of bluelink-protocol.md §1.3, §2.8, §3.5, §4.1, §5.7,
 * §6.5 and §8.5, behind {@link io.bluelinkmqtt.api.CloudModule}: a stable {@code Deviceid}, the MFA ({@code 7110})
 * branch through {@link io.bluelinkmqtt.api.OtpChallenge}, the {@code pAuth} PIN token for actions and a re-login
 * (there is no refresh endpoint) when the cloud answers 7403, 7602 or 7606.
 */
package io.bluelinkmqtt.api.canada;
