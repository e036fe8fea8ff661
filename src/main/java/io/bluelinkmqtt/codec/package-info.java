/** JSON mappers: one per bus message type; they own the field names and the schema version. */
package io.bluelinkmqtt.codec;
