package io.prmsync.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin API and webhooks as an OpenAPI 3 document at {@code /v3/api-docs} (behind the admin token like every
 * other path). Every error answer is an RFC 9457 problem: controllers name their error statuses and why, and
 * {@link #problemAnswers} gives each the problem schema, and every admin operation its 401. A copy is committed as
 * {@code docs/openapi.json}; a test fails when the two differ.
 */
@Configuration
class OpenApiDocument {

    static final String ADMIN_TOKEN = "adminToken";
    static final String ADMIN_BASIC = "adminBasic";
    static final String WEBHOOK_SIGNATURE = "webhookSignature";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI prmSyncOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("prm-sync admin API")
                        .version("1")
                        .description("Runs, status, dead letters, conflicts, partners' tiers and the webhook inbox"
                                + " of a prm-sync service; and the webhooks Salesforce and the PRM call."))
                // Relative, so the document is the same whichever host and port serve it.
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(
                                ADMIN_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An admin token (PRM_SYNC_ADMIN_TOKEN)"))
                        .addSecuritySchemes(
                                ADMIN_BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("The admin basic credentials, where configured"))
                        .addSecuritySchemes(
                                WEBHOOK_SIGNATURE,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-PRM-Signature")
                                        .description("t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">"
                                                + " with a webhook secret (README: Webhooks)"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    @Bean
    OpenApiCustomizer problemAnswers() {
        return openApi -> openApi.getPaths()
                .forEach((path, item) -> item.readOperations().forEach(operation -> describe(path, operation)));
    }

    private static void describe(String path, Operation operation) {
        if (path.startsWith("/api/")) {
            operation.setSecurity(List.of(
                    new SecurityRequirement().addList(ADMIN_TOKEN), new SecurityRequirement().addList(ADMIN_BASIC)));
            operation
                    .getResponses()
                    .putIfAbsent("401", new ApiResponse().description("No valid admin token or basic credentials"));
        } else if (path.endsWith("/outbound-message")) {
            // Salesforce cannot sign an Outbound Message: it answers SOAP faults, and a URL token guards it.
            return;
        } else {
            operation.setSecurity(List.of(new SecurityRequirement().addList(WEBHOOK_SIGNATURE)));
        }
        operation.getResponses().forEach((status, response) -> {
            if (!status.startsWith("2")) {
                response.setContent(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details; detail says what to change")
                .properties(Map.of(
                        "type", new StringSchema().format("uri"),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema(),
                        "instance", new StringSchema().format("uri")))
                .additionalProperties(Boolean.TRUE);
    }
}
