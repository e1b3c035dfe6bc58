// `kdview report` on the shared sysrq dump, every format.
import { liveFormats } from './live-formats.js';

liveFormats('sysrq');
