package se.plus.application.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.out.AuditTrail;
import se.plus.application.port.out.ServiceEvents;
import se.plus.application.port.out.Users;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.event.DomainEvent;
import se.plus.domain.number.Extension;
import se.plus.domain.user.Profile;
import se.plus.domain.user.ProfileActivation;
import se.plus.domain.user.User;

@ExtendWith(MockitoExtension.class)
class ExpireProfilesServiceTest {

    private static final Extension ANNA = Extension.of("1001");
    private static final Instant LUNCH_ENDS = Instant.parse("2026-11-24T12:00:00Z");

    @Mock
    Users users;
    @Mock
    AuditTrail audit;
    @Mock
    ServiceEvents events;

    private User annaAtLunch() {
        return User.create(ANNA, "Anna")
                .withProfile(Profile.voicemail(2, "Lunch", Optional.of(Duration.ofHours(1))))
                .withActiveProfile(new ProfileActivation(2, Optional.of(LUNCH_ENDS)));
    }

    private ExpireProfilesService at(Instant now) {
        return new ExpireProfilesService(users, audit, events, Clock.fixed(now, ZoneOffset.UTC), new UnitOfWork());
    }

    @Test
    void lunchThatEndedWhileTheServerWasDownRevertsToAvailableAtTheFirstRun() {
        Instant restart = LUNCH_ENDS.plus(Duration.ofHours(3));
        when(users.withActivationEndedBy(eq(restart), any(Integer.class))).thenReturn(List.of(ANNA));
        when(users.findForChange(ANNA)).thenReturn(Optional.of(annaAtLunch()));

        int expired = at(restart).expireDue();

        assertEquals(1, expired);
        var saved = ArgumentCaptor.forClass(User.class);
        verify(users).save(saved.capture());
        assertEquals(ProfileActivation.AVAILABLE, saved.getValue().activeProfile());
        var event = ArgumentCaptor.forClass(DomainEvent.class);
        verify(events).publish(event.capture(), eq(EntryPoint.TIMER));
        assertEquals("PROFILE_EXPIRED", event.getValue().type());
        verify(audit).record(any());
    }

    @Test
    void anActivationStillRunningIsLeftAlone() {
        Instant before = LUNCH_ENDS.minusSeconds(1);
        when(users.withActivationEndedBy(eq(before), any(Integer.class))).thenReturn(List.of(ANNA));
        when(users.findForChange(ANNA)).thenReturn(Optional.of(annaAtLunch()));

        assertEquals(0, at(before).expireDue());
        verify(users, never()).save(any());
        verify(events, never()).publish(any(), any());
    }
}
