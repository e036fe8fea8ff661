/** Tests of the packaged jar as a child process: signals, exit codes, demo mode as a user runs it. */
package io.bluelinkmqtt.process;
