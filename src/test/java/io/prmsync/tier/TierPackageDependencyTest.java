package io.prmsync.tier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The tier rules are plain Java that anything may call; they must not grow ties to the frameworks around them. */
class TierPackageDependencyTest {

    private final JavaClasses tierClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.prmsync.tier");

    @Test
    void dependsOnlyOnTheJdkAndTheYamlReader() {
        classes()
                .that()
                .resideInAPackage("io.prmsync.tier..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.prmsync.tier..", "io.prmsync.yaml")
                .check(tierClasses);
    }
}
