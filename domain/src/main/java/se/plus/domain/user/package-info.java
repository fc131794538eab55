/** The user aggregate: forwardings, profiles and their activation, admin settings, and the rules that guard them. */
package se.plus.domain.user;
