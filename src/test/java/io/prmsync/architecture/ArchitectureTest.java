package io.prmsync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.beans.factory.annotation.Autowired;

/** Keeps the dependency direction honest: routes → sync → {tier, mapping, store, salesforce}. */
@AnalyzeClasses(packages = "io.prmsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule businessRulesArePlainJava = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.prmsync.mapping..", "io.prmsync.tier..", "io.prmsync.yaml..", "io.prmsync.engagement..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.camel..",
                    "org.springframework..",
                    "java.sql..",
                    "javax.sql..",
                    "io.prmsync.store..",
                    "io.prmsync.sync..",
                    "io.prmsync.salesforce..",
                    "io.prmsync.admin..",
                    "io.prmsync.webhook..")
            .because("tier, engagement and mapping rules are plain Java that unit tests call directly");

    @ArchTest
    static final ArchRule nothingBelowSyncDependsOnIt = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.prmsync.mapping..", "io.prmsync.store..", "io.prmsync.salesforce..", "io.prmsync.tier..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.prmsync.sync..", "io.prmsync.admin..", "io.prmsync.webhook..");

    @ArchTest
    static final ArchRule onlyRouteAdaptersAndTheSalesforceGatewayKnowCamel = noClasses()
            .that()
            .resideOutsideOfPackages("io.prmsync.sync.route..", "io.prmsync.salesforce..", "io.prmsync.sandbox.boot..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.camel..")
            .because("the engine works on typed runs; Camel stays at the edge: the routes' steps and the gateway"
                    + " that calls Salesforce through its component");

    @ArchTest
    static final ArchRule theEngineDoesNotReachBackIntoItsRoutes = noClasses()
            .that()
            .resideInAnyPackage("io.prmsync.sync.inbound..", "io.prmsync.sync.outbound..", "io.prmsync.sync.run..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.prmsync.sync.route..");

    @ArchTest
    static final ArchRule theClusterLayerKnowsOnlyTheStore = noClasses()
            .that()
            .resideInAPackage("io.prmsync.cluster..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.prmsync.sync..",
                    "io.prmsync.salesforce..",
                    "io.prmsync.sandbox..",
                    "io.prmsync.webhook..",
                    "io.prmsync.admin..",
                    "io.prmsync.program..",
                    "org.apache.camel..")
            .because("leases, shared pauses and the shared API budget are store rows every layer above may use");

    @ArchTest
    static final ArchRule configurationIsALeafOfPropertyTypes = noClasses()
            .that()
            .resideInAPackage("io.prmsync.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.prmsync.sync..",
                    "io.prmsync.salesforce..",
                    "io.prmsync.sandbox..",
                    "io.prmsync.store..",
                    "io.prmsync.webhook..",
                    "io.prmsync.admin..",
                    "io.prmsync.program..",
                    "io.prmsync.tier..",
                    "io.prmsync.mapping..");

    @ArchTest
    static final ArchRule theSimulatorStandsAlone = noClasses()
            .that()
            .resideInAPackage("io.prmsync.sandbox")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.prmsync.sync..",
                    "io.prmsync.store..",
                    "io.prmsync.mapping..",
                    "io.prmsync.salesforce..",
                    "org.springframework..");

    @ArchTest
    static final ArchRule noFieldInjection = noFields().should().beAnnotatedWith(Autowired.class);

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("io.prmsync.(*)..").should().beFreeOfCycles();
}
