package dev.openclone.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled server: a new cycle or a shared type in the
 * wrong place fails the build instead of creeping in.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.openclone");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.openclone.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachLeafImportsOnlyItself() {
        for (String leaf : new String[] {"event", "http", "files"}) {
            noClasses().that().resideInAPackage("dev.openclone." + leaf + "..")
                    .should().dependOnClassesThat().resideOutsideOfPackages("dev.openclone." + leaf + "..", "java..",
                            "com.fasterxml.jackson..", "io.javalin..")
                    .check(classes);
        }
    }

    @Test
    void onlyTheIndexAndTheTenantRegistryTalkSql() {
        // The index package owns the vault index's schema; the tenant package owns OPENCLONE_HOME's; the Health
        // plugin (dev.openclone.health) reads a Health Connect export's own SQLite file, read-only. Others may see an SQLException pass by, but never
        // hold a connection, a statement or a result set.
        noClasses().that().resideOutsideOfPackages("dev.openclone.index..", "dev.openclone.tenant..",
                        "dev.openclone.health..")
                .should().dependOnClassesThat(resideInAnyPackage("java.sql..", "org.sqlite..")
                        .and(not(equivalentTo(SQLException.class))))
                .check(classes);
    }
}
