/** Where an incoming call goes: named rules in order of precedence, with a hop limit against loops. */
package se.plus.domain.routing;
