/**
 * Plain-value topics for evcc's {@code custom} vehicle ({@code docs/evcc.md}): evcc's {@code mqtt} source reads a
 * topic's payload as the value itself, so these carry {@code 80}, {@code 350} or {@code B} instead of the JSON
 * leaves of {@code publish}.
 */
package io.bluelinkmqtt.evcc;
