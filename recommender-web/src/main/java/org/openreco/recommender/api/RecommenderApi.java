package org.openreco.recommender.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API and its OpenAPI document's shared parts: the two ways to authenticate (the admin's HTTP
 * Basic; a catalogue's API key as {@code X-API-Key} or as a bearer token) and the problem responses every
 * resource refers to by name.
 */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(
        title = "Recommender API",
        version = "1",
        description = "Catalogues, items, users and events in; recommendations, similar items and semantic search out. "
                + "Every error is application/problem+json (RFC 9457) with the API's error code, field and message.",
        license = @License(name = "Apache-2.0")),
        components = @Components(responses = {
                @APIResponse(name = "BadRequest", responseCode = "400",
                        description = "Invalid input or an unreadable body; field names the culprit",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unauthorized", responseCode = "401", description = "No valid credentials",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Forbidden", responseCode = "403",
                        description = "Credentials that do not open this endpoint (e.g. another catalogue's key)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "NotFound", responseCode = "404", description = "No such catalogue or object",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Conflict", responseCode = "409", description = "Conflicts with the current state",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "PayloadTooLarge", responseCode = "413", description = "The request body is over its limit",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "TooManyLogins", responseCode = "429",
                        description = "Too many failed logins from this address",
                        headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unavailable", responseCode = "503",
                        description = "Too busy, or the database did not answer in time: retry after the given seconds",
                        headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "InternalError", responseCode = "500",
                        description = "Unexpected server error; the detail quotes an incident id found in the server log",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))}))
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "The admin's user name and password")
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = ApiKeyFilter.API_KEY_HEADER, description = "An API key of the catalogue in the path")
@SecurityScheme(securitySchemeName = "bearerKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key of the catalogue in the path, as 'Authorization: Bearer <key>'")
public class RecommenderApi extends Application {
}
