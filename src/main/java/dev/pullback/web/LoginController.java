package dev.pullback.web;

import dev.pullback.security.UserService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form; Spring Security handles its POST, /logout and the redirects. */
@Controller
class LoginController {
    private final UserService users;

    LoginController(UserService users) {
        this.users = users;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("noUsers", users.count() == 0);
        return "login";
    }
}
