/**
 * What can be checked of the container image, the compose file and the systemd unit without a Docker engine or a
 * booted systemd: {@link io.bluelinkmqtt.packaging.Dockerfile} and {@link io.bluelinkmqtt.packaging.ComposeFile}
 * read the files as the tools do; the process ITs run the jar the way they describe.
 */
package io.bluelinkmqtt.packaging;
