/** The dial-string grammar of plus-services.md: both dialects, both contexts, parsed and rendered from one table. */
package se.plus.domain.dialstring;
