/**
 * The built-in Salesforce org simulator: an in-memory org with prm-sync's objects, served over the REST API's
 * paths, JSON shapes and error bodies by WireMock, and over Bulk API 2.0's ingest and query jobs with their CSV.
 *
 * <p>{@link io.prmsync.sandbox.SalesforceSimulator#start} gives a running org whose base URL serves as both the
 * login URL and the instance URL. {@link io.prmsync.sandbox.SimulatedOrg} holds the data (direct edits stand for
 * a channel manager in the UI and cost no API calls), {@link io.prmsync.sandbox.FaultKnobs} makes it misbehave,
 * {@link io.prmsync.sandbox.RequestCounters} tells what clients asked for, and
 * {@link io.prmsync.sandbox.SampleProgram} seeds a realistic partner program. Plain Java, no Spring.
 */
package io.prmsync.sandbox;
