/** Domain events, one per state change, as published on {@code plus.events}. */
package se.plus.domain.event;
