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
guide-read-more = Read more:
guide-making-the-most-of-a-consultation = making the most of a consultation
guide-bringing-someone-with-you = bringing someone with you
guide-interpreters-and-access-needs = interpreters and access needs
guide-before-a-difficult-conversation = before a difficult conversation
guide-during-a-difficult-conversation = during a difficult conversation
guide-after-a-difficult-conversation = after a difficult conversation
guide-writing-to-your-healthcare-professional = writing to your healthcare professional
guide-when-a-problem-is-not-resolved = when a problem is not resolved
guide-your-rights = your rights
