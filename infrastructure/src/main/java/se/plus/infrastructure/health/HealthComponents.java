package se.plus.infrastructure.health;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Supplier;
import se.plus.application.port.in.CheckHealthUseCase;

/**
 * The components' health (database, sip, broker: up or not) for the MicroProfile Health checks in the
 * EAR's lib/ ({@code health/checks}), which cannot see this module's classes: they look this bean up by its
 * global JNDI name ({@code java:global/plus-services/infrastructure/HealthComponents!java.util.function.Supplier})
 * and speak only JDK types with it.
 */
@Singleton
@Local(Supplier.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthComponents implements Supplier<Map<String, Boolean>> {

    @Inject
    CheckHealthUseCase health;

    @Override
    public Map<String, Boolean> get() {
        return health.check().components();
    }
}
