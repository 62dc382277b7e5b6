// Start GOV.UK Frontend's and MoJ Frontend's components (error summary focus, header
// menu, buttons). Pages work without it: every form is a plain post.
import { initAll as govuk } from './govuk-frontend.min.js';
import { initAll as moj } from './moj-frontend.min.js';

govuk();
moj();
