/** Answer groups: members, logins, and who may log in or out. */
package se.plus.domain.queue;
