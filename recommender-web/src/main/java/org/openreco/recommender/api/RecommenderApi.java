package org.openreco.recommender.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(
        title = "Recommender API",
        version = "1",
        description = "Catalogues, items, users and events in; recommendations, similar items and semantic search out.",
        license = @License(name = "Apache-2.0")))
public class RecommenderApi extends Application {
}
