/** {@code <t>} of {@code *24*<p>*<t>}: the five forms and how they resolve in the company time zone, DST included. */
package se.plus.domain.time;
