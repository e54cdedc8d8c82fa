package org.openreco.recommender.api;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body as a JSON tree within a size limit, for endpoints that judge each element of
 * a batch themselves (JSON-B would refuse a whole batch for one element of the wrong type). A body
 * over the limit is refused with 413 as soon as its Content-Length, or its bytes, exceed it.
 */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonValue read(InputStream body, Long contentLength, long limit) {
        if (contentLength != null && contentLength > limit) {
            throw tooLarge(limit);
        }
        try (var reader = Json.createReader(new Limited(body, limit))) {
            return reader.readValue();
        } catch (JsonException e) {
            if (e.getCause() instanceof TooLarge) {
                throw tooLarge(limit);
            }
            throw new ProcessingException(e); // MalformedBodyMapper: 400 malformed_json with the parser's message
        }
    }

    private static WebApplicationException tooLarge(long limit) {
        return new WebApplicationException("the request body is larger than " + limit + " bytes",
                Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    private static final class TooLarge extends IOException {
    }

    /** Counts what the parser reads and stops it at the limit (chunked bodies have no Content-Length). */
    private static final class Limited extends FilterInputStream {

        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
