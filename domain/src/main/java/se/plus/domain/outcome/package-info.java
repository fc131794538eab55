/** How a code ends: done or refused, with the announcement in Swedish and English. */
package se.plus.domain.outcome;
