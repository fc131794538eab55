package se.plus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module graph of the hexagon (style.md principle 1): the domain knows nothing of ours and no
 * framework; the application knows only the domain; each adapter and the infrastructure know only the
 * application and the domain, never one another.
 */
@AnalyzeClasses(packages = "se.plus", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonTest {

    private static final String DOMAIN = "se.plus.domain..";
    private static final String APPLICATION = "se.plus.application..";
    private static final String INFRASTRUCTURE = "se.plus.infrastructure..";
    private static final String SIP = "se.plus.adapters.sip..";
    private static final String REST = "se.plus.adapters.rest..";
    private static final String JMS = "se.plus.adapters.jms..";

    @ArchTest
    static final ArchRule domainDependsOnNothingOfOursNorOnAFramework = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    APPLICATION, INFRASTRUCTURE, SIP, REST, JMS,
                    "jakarta..", "javax..", "org.hibernate..", "org.jboss..", "org.apache..", "gov.nist..", "io.micrometer..");

    @ArchTest
    static final ArchRule applicationDependsOnlyOnTheDomain = noClasses()
            .that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(
                    INFRASTRUCTURE, SIP, REST, JMS,
                    "jakarta.ws..", "jakarta.jms..", "jakarta.persistence..", "javax.sip..", "gov.nist..",
                    "org.hibernate..", "org.flywaydb..", "io.micrometer..");

    @ArchTest
    static final ArchRule infrastructureKnowsNoAdapter = noClasses()
            .that().resideInAPackage(INFRASTRUCTURE)
            .should().dependOnClassesThat().resideInAnyPackage(SIP, REST, JMS);

    @ArchTest
    static final ArchRule sipAdapterKnowsNoOtherAdapterNorTheInfrastructure = noClasses()
            .that().resideInAPackage(SIP)
            .should().dependOnClassesThat().resideInAnyPackage(REST, JMS, INFRASTRUCTURE);

    @ArchTest
    static final ArchRule restAdapterKnowsNoOtherAdapterNorTheInfrastructure = noClasses()
            .that().resideInAPackage(REST)
            .should().dependOnClassesThat().resideInAnyPackage(SIP, JMS, INFRASTRUCTURE);

    @ArchTest
    static final ArchRule jmsAdapterKnowsNoOtherAdapterNorTheInfrastructure = noClasses()
            .that().resideInAPackage(JMS)
            .should().dependOnClassesThat().resideInAnyPackage(SIP, REST, INFRASTRUCTURE);
}
