// Starts GOV.UK Frontend's components (menu toggle, error summary focus, password reveal).
import { initAll } from "./govuk-frontend-6.3.0.min.js";

initAll();
