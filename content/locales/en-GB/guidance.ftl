# Learn: the guidance pages and the glossary.

guidance-title = Guidance
guidance-lead = Short guides to getting the most from your appointments, and to what you can do when you are not heard. Written in plain English and checked against official sources.
guidance-more = More
guidance-all = All guidance
guidance-act = Do it in Heard
guidance-about = About this page
guidance-reviewed = Last reviewed { $last }. Next review due { $next }.
guidance-pager = More guidance
guidance-previous = Previous
guidance-next = Next
glossary-title = Words you may hear
glossary-letters = Jump to a letter
nav-guidance = Guidance
