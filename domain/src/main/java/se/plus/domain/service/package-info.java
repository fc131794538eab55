/** Applying a plus-service command to a user (and queue): the domain service the application calls. */
package se.plus.domain.service;
